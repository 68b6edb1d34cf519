"""Build the industry space in KVED (= NACE Rev. 2) codes from the raw relatedness sources.

Run once when a source changes; the result is bundled in ``refdata/bundled/relatedness/``::

    python -m hromada.refdata.build.industry_space /path/to/data/relatedness [--out DIR]

The data folder holds the raw files described in its README (``relatedness/``):
``us_cbp_2019_cbsa_naics.csv.gz``, ``naics2017_to_nace2.csv``,
``eurostat_sbs_2015_nuts2_nace.csv``, ``metroverse_industry_space_proximity_naics.json``.

Choices (also in ``docs/diversify.md``):

* **CBP, suppressed cells.** The 6-digit rows of an area are used. A row with 0 employees
  but establishments (a suppressed cell, 0.05 % of rows) gets the establishments times the
  industry's national employees per establishment. Employment CBP publishes only at a
  coarser level in an area (about 6 % of the total) is left out: an area whose
  industry is hidden counts as not specialised in it.
* **NAICS -> NACE, many-to-many links.** A NAICS industry linked to k NACE classes gives
  each 1/k of its employment (equal split: the US has no employment by NACE class to
  weight with). The one link to a NACE group (111336 -> 01.2) is dropped (CBP has no crop
  farming anyway).
* **Industries CBP leaves out**: crop and animal farming (most of 01), public
  administration (84), households as employers (97-98) and extraterritorial bodies (99)
  have no employment there and are absent from the CBP space; 01 appears only through
  support activities and hunting (NAICS 115, 114210). They are not invented.
* **Eurostat SBS 2015, NUTS-2 x division** (B-N without K): a confidential (blank) cell
  gets an equal share of what its section's published total leaves after the published
  divisions of that region (0 when the section total is confidential too); flags
  (" d") are stripped.
* **Presence, proximity, complexity**: presence RCA >= 1 across the reference areas,
  proximity the minimum of the two conditional probabilities (Hidalgo et al. 2007, the
  library's :func:`~hromada.econ.complexity.proximity`), PCI by the eigenvalue method,
  z-scored (:func:`~hromada.econ.complexity.complexity_indices`).
* **PCI cut-off (the Atlas's)**: as the Growth Lab's Atlas pipeline leaves its "least
  traded products" out of the complexity computation (repository
  harvard-growth-lab/comtrade-mirroring, ``Complexity.filter_least_traded_products``),
  an industry gets no PCI (NaN, the reason in ``pci_excluded``) when it is among the
  smallest industries that together make up at most 0.025 % of the reference's
  employment (``small_share``), when its employment is concentrated in 2 or fewer
  effective areas (1 / Herfindahl index of its employment across areas <= 2,
  ``few_areas``), when 2 or fewer areas are specialised in it (``low_ubiquity``), or
  when it has less than one employee (``no_employment``). PCI is computed over the
  other industries on the same presence matrix (the areas' RCA is not recomputed
  without them). The industries stay in the space (proximity, density). The Atlas's
  cut-off of locations (countries under 1 million people or USD 1 billion of trade,
  unreliable reporters) has no counterpart applied here: every CBP area is a
  metropolitan or micropolitan statistical area (an urban core of 10,000 people or
  more) with official counts, every SBS region a NUTS-2 region.
* **Layout** of the division-level CBP space: maximum spanning tree plus each
  division's two strongest links, a deterministic spring layout (seed 7), scaled to
  [0, 1].
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.stats import spearmanr

from hromada.econ.complexity import complexity_indices, proximity

LEVELS = ("division", "group", "class")
_LEN = {"division": 2, "group": 4, "class": 5}


def read_cbp(folder: Path) -> pd.DataFrame:
    """CBP 2019 areas x 6-digit NAICS employment, suppressed cells imputed."""
    cbp = pd.read_csv(
        folder / "us_cbp_2019_cbsa_naics.csv.gz",
        usecols=["cbsa_code", "naics_code", "naics_level", "EMP", "ESTAB"],
        dtype={
            "cbsa_code": str,
            "naics_code": str,
            "naics_level": np.int8,
            "EMP": np.float64,
            "ESTAB": np.float64,
        },
    )
    cbp = cbp[cbp["naics_level"] == 6]
    shown = cbp[cbp["EMP"] > 0].groupby("naics_code")[["EMP", "ESTAB"]].sum()
    size = (shown["EMP"] / shown["ESTAB"]).rename("size")
    hidden = (cbp["EMP"] <= 0) & (cbp["ESTAB"] > 0)
    fill = cbp.loc[hidden, "naics_code"].map(size).fillna(0.0) * cbp.loc[hidden, "ESTAB"]
    emp = cbp["EMP"].to_numpy(copy=True)
    emp[hidden.to_numpy()] = fill.to_numpy()
    return pd.DataFrame(
        {"region": cbp["cbsa_code"].to_numpy(), "naics": cbp["naics_code"].to_numpy(), "value": emp}
    )


def read_links(folder: Path) -> pd.DataFrame:
    """NAICS 2017 -> NACE class links with the equal-split weight 1/k."""
    links = pd.read_csv(
        folder / "naics2017_to_nace2.csv", dtype=str, encoding="utf-8-sig", usecols=[0, 1]
    )
    links.columns = ["naics", "nace"]
    links = links[links["nace"].str.len() == 5].drop_duplicates()
    links["weight"] = 1.0 / links.groupby("naics")["nace"].transform("size")
    return links


def cbp_classes(folder: Path) -> pd.DataFrame:
    """Long panel region, sector (NACE class), value from CBP through the correspondence."""
    cbp = read_cbp(folder)
    links = read_links(folder)
    both = cbp.merge(links, on="naics", how="inner")
    both["value"] *= both["weight"]
    out = both.groupby(["region", "nace"], as_index=False, observed=True)["value"].sum()
    return out.rename(columns={"nace": "sector"})


def read_sbs(folder: Path) -> pd.DataFrame:
    """Long panel NUTS-2 region, NACE division, persons employed 2015 (confidential imputed)."""
    raw = pd.read_csv(folder / "eurostat_sbs_2015_nuts2_nace.csv", sep=";", dtype=str)
    raw = raw[raw["geo"].str.len() == 4]
    value = pd.to_numeric(raw["n2015"].str.replace(r"[^0-9.]", "", regex=True), errors="coerce")
    raw = raw.assign(value=value)
    code = raw["nace_r2"]
    div = raw[code.str.fullmatch(r"[A-Z]\d\d")].copy()
    div["section"] = div["nace_r2"].str[0]
    div["sector"] = div["nace_r2"].str[1:]
    sec = raw[code.str.fullmatch(r"[A-Z]")].set_index(["geo", "nace_r2"])["value"]
    published = div.groupby(["geo", "section"])["value"].sum(min_count=1)
    n_blank = div["value"].isna().groupby([div["geo"], div["section"]]).sum()
    rest = (sec.reindex(published.index).fillna(0.0) - published.fillna(0.0)).clip(lower=0)
    share = (rest / n_blank.replace(0, np.nan)).fillna(0.0)
    key = pd.MultiIndex.from_arrays([div["geo"], div["section"]])
    div["value"] = div["value"].fillna(pd.Series(share.reindex(key).to_numpy(), index=div.index))
    return div.rename(columns={"geo": "region"})[["region", "sector", "value"]]


def at_level(panel: pd.DataFrame, level: str) -> pd.DataFrame:
    """Sum a class (or division) panel to ``level``."""
    codes = panel["sector"].str[: _LEN[level]]
    return panel.assign(sector=codes).groupby(["region", "sector"], as_index=False)["value"].sum()


def reference(panel: pd.DataFrame) -> dict:
    """Presence, proximity and complexity of a long panel (regions x industries)."""
    X = panel.pivot_table(
        index="region", columns="sector", values="value", aggfunc="sum", fill_value=0.0
    )
    X = X.loc[X.sum(axis=1) > 0, X.sum(axis=0) > 0]
    V = X.to_numpy()
    share = V.sum(axis=0) / V.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        R = (V / V.sum(axis=1, keepdims=True)) / share[None, :]
    M = (R >= 1.0).astype(np.int8)
    keep_c, keep_p = M.sum(axis=1) > 0, M.sum(axis=0) > 0
    M = pd.DataFrame(M[keep_c][:, keep_p], index=X.index[keep_c], columns=X.columns[keep_p])
    phi = proximity(M)
    excluded = pci_cutoff(V[keep_c][:, keep_p], M.to_numpy())
    kept = (excluded == "").to_numpy()
    _eci, pci = complexity_indices(M.loc[:, kept])
    info = pd.DataFrame(
        {
            "code": M.columns,
            "pci": pci.reindex(M.columns).to_numpy(),
            "pci_excluded": excluded.to_numpy(),
            "ubiquity": M.sum(axis=0).to_numpy(),
            "employment": V.sum(axis=0)[keep_p],
        }
    )
    info["share"] = info["employment"] / info["employment"].sum()
    return {"M": M, "phi": phi, "info": info}


#: The Atlas's thresholds (harvard-growth-lab/comtrade-mirroring, Complexity class).
SMALL_SHARE_PERCENT = 0.025
MIN_EFFECTIVE_AREAS = 2
MIN_UBIQUITY = 2


def pci_cutoff(V: np.ndarray, M: np.ndarray) -> pd.Series:
    """Why each industry (column) is left out of PCI, "" when it is kept (module docstring).

    ``V`` areas x industries employment, ``M`` the same areas x industries 0/1 presence.
    Reasons joined by "+": ``small_share``, ``few_areas``, ``low_ubiquity``,
    ``no_employment``.

    Examples
    --------
    >>> V = np.array([[9e3, 1, 50], [9e3, 0, 50], [9e3, 0, 40], [9e3, 0, 60]])
    >>> pci_cutoff(V, (V > 0).astype(int)).tolist()
    ['', 'small_share+few_areas+low_ubiquity', '']
    """
    V = np.asarray(V, dtype=float)
    total = V.sum(axis=0)
    share = 100 * total / total.sum()
    order = np.argsort(total, kind="stable")
    cumul = np.empty_like(share)
    cumul[order] = np.cumsum(share[order])
    with np.errstate(divide="ignore", invalid="ignore"):
        hhi = ((V / total[None, :]) ** 2).sum(axis=0)
        effective = np.where(hhi > 0, 1 / hhi, 0.0)
    flags = {
        "small_share": cumul <= SMALL_SHARE_PERCENT,
        "few_areas": effective <= MIN_EFFECTIVE_AREAS,
        "low_ubiquity": np.asarray(M).sum(axis=0) <= MIN_UBIQUITY,
        "no_employment": total < 1,
    }
    return pd.Series(
        ["+".join(k for k, f in flags.items() if f[i]) for i in range(V.shape[1])], dtype=object
    )


def _edges(P: np.ndarray, extra: int = 2) -> np.ndarray:
    """Kept links: the maximum spanning tree of proximity plus each node's strongest."""
    P = P.copy()
    np.fill_diagonal(P, 0.0)
    cost = np.where(P > 0, P.max() + 1e-9 - P + 1e-12, 0.0)
    tree = minimum_spanning_tree(cost).toarray() > 0
    keep = tree | tree.T
    top = np.argsort(-P, axis=1, kind="stable")[:, :extra]
    rows = np.repeat(np.arange(len(P)), extra)
    keep[rows, top.ravel()] = True
    keep |= keep.T
    return keep & (P > 0)


def layout(phi: pd.DataFrame, iterations: int = 500, seed: int = 7) -> pd.DataFrame:
    """Deterministic Fruchterman-Reingold layout of the kept links, scaled to [0, 1]."""
    P = phi.to_numpy(dtype=float)
    keep = _edges(P)
    W = np.where(keep, P, 0.0)
    n = len(P)
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.c_[np.cos(angle), np.sin(angle)] + rng.normal(0, 0.01, (n, 2))
    k = 1.0 / np.sqrt(n)
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(-1)) + 1e-9
        disp = ((k * k / dist**2)[:, :, None] * delta - (W * dist / k)[:, :, None] * delta).sum(
            axis=1
        )
        length = np.sqrt((disp**2).sum(-1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= 0.99
    pos -= pos.min(axis=0)
    pos /= np.where(pos.max(axis=0) > 0, pos.max(axis=0), 1.0)
    nodes = pd.DataFrame({"code": phi.index, "x": pos[:, 0].round(4), "y": pos[:, 1].round(4)})
    i, j = np.nonzero(np.triu(keep, 1))
    edges = pd.DataFrame({"a": phi.index[i], "b": phi.index[j]})
    return nodes, edges


def metroverse_nace(folder: Path, level: str) -> pd.Series:
    """Metroverse NAICS-6 proximity mapped to NACE pairs: mean over linked NAICS pairs."""
    with open(folder / "metroverse_industry_space_proximity_naics.json", encoding="utf-8") as f:
        raw = json.load(f)
    src, trg, val = [], [], []
    for s, lst in raw.items():
        for d in lst:
            src.append(str(s))
            trg.append(str(d["trg"]))
            val.append(float(d["proximity"]))
    pairs = pd.DataFrame({"s": src, "t": trg, "v": val})
    links = read_links(folder)
    links["nace"] = links["nace"].str[: _LEN[level]]
    links = links.groupby(["naics", "nace"], as_index=False)["weight"].sum()
    m = pairs.merge(
        links.rename(columns={"naics": "s", "nace": "a", "weight": "wa"}), on="s"
    ).merge(links.rename(columns={"naics": "t", "nace": "b", "weight": "wb"}), on="t")
    m = m[m["a"] != m["b"]]
    a = np.minimum(m["a"], m["b"])
    b = np.maximum(m["a"], m["b"])
    w = m["wa"] * m["wb"]
    g = pd.DataFrame({"a": a, "b": b, "wv": w * m["v"], "w": w}).groupby(["a", "b"]).sum()
    return g["wv"] / g["w"]


def _pairs(phi: pd.DataFrame) -> pd.Series:
    P = phi.to_numpy()
    i, j = np.triu_indices(len(P), 1)
    idx = pd.MultiIndex.from_arrays([phi.index[i], phi.index[j]], names=["a", "b"])
    return pd.Series(P[i, j], index=idx)


def compare(x: pd.Series, y: pd.Series) -> tuple[float, int]:
    """Spearman rank correlation of two pair -> proximity series over their shared pairs."""
    both = pd.concat([x, y], axis=1, join="inner").dropna()
    if len(both) < 3:
        return float("nan"), len(both)
    return float(spearmanr(both.iloc[:, 0], both.iloc[:, 1]).statistic), len(both)


def build(folder: Path, out: Path, *, with_sbs: bool = True, with_metroverse: bool = True):
    """Write the bundled files; return the comparison table."""
    folder, out = Path(folder), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    refs = {}
    classes = cbp_classes(folder)
    for level in LEVELS:
        panel = classes if level == "class" else at_level(classes, level)
        refs["cbp2019", level] = reference(panel)
    if with_sbs:
        refs["sbs2015", "division"] = reference(read_sbs(folder))
    space, info, pres = [], [], []
    for (source, level), r in refs.items():
        s = _pairs(r["phi"]).round(4)
        s = s[s > 0].reset_index(name="proximity")
        space.append(s.assign(source=source, level=level))
        info.append(r["info"].assign(source=source, level=level))
        M = r["M"]
        rows = [f"{reg}:{' '.join(M.columns[M.loc[reg].to_numpy() > 0])}" for reg in M.index]
        pres.append(
            pd.DataFrame(
                {
                    "source": source,
                    "level": level,
                    "region": M.index,
                    "codes": [x.split(":", 1)[1] for x in rows],
                }
            )
        )
    cols = ["source", "level", "a", "b", "proximity"]
    pd.concat(space)[cols].to_csv(
        out / "industry_space.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )
    info = pd.concat(info)
    info["pci"] = info["pci"].round(6)
    info["share"] = info["share"].map(lambda v: float(f"{v:.6g}"))
    info["employment"] = info["employment"].round(1)
    cols = ["source", "level", "code", "pci", "pci_excluded", "ubiquity", "employment", "share"]
    info[cols].to_csv(
        out / "industry_complexity.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )
    pd.concat(pres).to_csv(
        out / "industry_presence.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )
    nodes, edges = layout(refs["cbp2019", "division"]["phi"])
    nodes.to_csv(out / "industry_space_layout_division.csv", index=False)
    edges.to_csv(out / "industry_space_links_division.csv", index=False)
    compared = []
    cbp_pairs = {lv: _pairs(refs["cbp2019", lv]["phi"]) for lv in LEVELS}
    if with_sbs:
        rho, n = compare(cbp_pairs["division"], _pairs(refs["sbs2015", "division"]["phi"]))
        compared.append(("division", "cbp2019", "sbs2015", rho, n))
    if with_metroverse:
        for lv in LEVELS:
            mv = metroverse_nace(folder, lv)
            rho, n = compare(cbp_pairs[lv], mv)
            compared.append((lv, "cbp2019", "metroverse", rho, n))
            if lv == "division" and with_sbs:
                rho, n = compare(_pairs(refs["sbs2015", "division"]["phi"]), mv)
                compared.append((lv, "sbs2015", "metroverse", rho, n))
    table = pd.DataFrame(compared, columns=["level", "space", "compared_with", "spearman", "pairs"])
    table["spearman"] = table["spearman"].round(3)
    table.to_csv(out / "industry_space_comparison.csv", index=False)
    return table, refs


def main(argv=None):
    """Build the industry space from the command line (see the module's docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="folder with the raw relatedness files")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "bundled" / "relatedness"
    )
    args = ap.parse_args(argv)
    t = time.perf_counter()
    table, refs = build(args.folder, args.out)
    for (source, level), r in refs.items():
        print(f"{source} {level}: {r['M'].shape[0]} regions x {r['M'].shape[1]} industries")
    print(table.to_string(index=False))
    print(f"built in {time.perf_counter() - t:.1f} s into {args.out}")
    for p in sorted(args.out.iterdir()):
        print(f"  {p.name}: {p.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
