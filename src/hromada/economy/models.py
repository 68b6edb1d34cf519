"""A municipality's economic data: datasets of values by sector and year, in versions.

A ``Dataset`` is one measure (employment, enterprises, output, ...) for the municipality
and its reference (oblast or Ukraine). Every upload makes a new immutable
``DatasetVersion`` holding ``Observation`` rows; old versions are kept, the newest is used.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hromada.core.models import MunicipalityRecord


class Measure(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    ENTERPRISES = "enterprises", _("Number of enterprises")
    OUTPUT = "output", _("Sales or output")
    WAGES = "wages", _("Wages")
    TAX_REVENUE = "tax_revenue", _("Local tax revenue")
    OTHER = "other", _("Other")


class ReferenceLevel(models.TextChoices):
    UKRAINE = "ukraine", _("Ukraine")
    OBLAST = "oblast", _("Oblast")
    OTHER = "other", _("Other reference")


class DataKind(models.TextChoices):
    """What a dataset is, named on every analysis that uses it (illustrative data are
    flagged apart, by ``is_illustrative``)."""

    OFFICIAL = "official", _("Official statistics")
    OWN = "own", _("The municipality's own records or survey")
    FOREIGN = "foreign", _("Real data from elsewhere, used as a stand-in")


class Dataset(MunicipalityRecord):
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. persons, UAH thousand"))
    reference_level = models.CharField(
        _("reference"),
        max_length=10,
        choices=ReferenceLevel.choices,
        default=ReferenceLevel.UKRAINE,
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    kind = models.CharField(_("kind of data"), max_length=10, choices=DataKind.choices, blank=True)
    # Illustrative data (the demo's generated sector data) is labelled wherever it appears.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    # The municipality's explicit choice of the dataset its analyses use (at most one);
    # without one, the most complete dataset is used (see selectors.analysis_dataset).
    chosen_for_analysis = models.BooleanField(_("used for analyses"), default=False)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def latest_version(self) -> DatasetVersion | None:
        return self.versions.order_by("-number").first()


class DatasetVersion(models.Model):
    """One upload of a dataset; immutable once stored."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_filename = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="unique_dataset_version")
        ]
        ordering = ["dataset", "-number"]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"


class Area(models.TextChoices):
    LOCAL = "local", _("Municipality")
    REFERENCE = "reference", _("Reference")


class Observation(models.Model):
    """One value: a sector (KVED 2010 code) in a year, for the municipality or its reference."""

    version = models.ForeignKey(
        DatasetVersion, on_delete=models.CASCADE, related_name="observations"
    )
    area = models.CharField(max_length=10, choices=Area.choices)
    sector = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "area", "sector", "year"], name="one_value_per_cell"
            )
        ]
        indexes = [models.Index(fields=["version", "area"])]


class DraftStatus(models.TextChoices):
    PARSING = "parsing", _("Checking the file")
    READY = "ready", _("Checked, waiting for confirmation")
    REJECTED = "rejected", _("The file has errors")
    STORING = "storing", _("Storing")
    STORED = "stored", _("Stored")
    FAILED = "failed", _("Failed")


class ImportDraft(models.Model):
    """An upload on its way into the datasets, nothing of which is in them until
    :func:`hromada.economy.services.import_draft_confirm`. Large files are checked and
    stored by background tasks, so the draft carries the state the upload page shows:
    parsing -> ready (or rejected, with its problems) -> storing -> stored. The uploaded
    bytes are kept only until they are checked; drafts go when confirmed, cancelled, or
    after a day."""

    municipality = models.ForeignKey(
        "workspaces.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=DraftStatus.choices, default=DraftStatus.READY)
    progress = models.PositiveSmallIntegerField(default=0)
    # The language the user uploaded in: the problems are worded in it.
    language = models.CharField(max_length=10, default="uk")
    content = models.BinaryField(default=b"", blank=True, editable=False)
    error = models.TextField(blank=True)
    version = models.ForeignKey(
        DatasetVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=200)
    measure = models.CharField(max_length=20, choices=Measure.choices)
    unit = models.CharField(max_length=50)
    reference_level = models.CharField(max_length=10, choices=ReferenceLevel.choices)
    source = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=DataKind.choices, blank=True)
    level = models.CharField(max_length=10, blank=True)
    # [[area, sector, year, value], ...] after aggregation to one KVED level.
    rows = models.JSONField(default=list, blank=True)
    # [{"row", "column", "message", "fix", "severity"}, ...]: warnings of a ready draft,
    # every problem of a rejected one.
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def in_progress(self) -> bool:
        return self.status in (DraftStatus.PARSING, DraftStatus.STORING)

    @property
    def errors(self) -> list[dict]:
        return [p for p in self.problems if p.get("severity") == "error"]


# --- Population and workforce -------------------------------------------------------


class PopulationIndicator(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    IDPS_ARRIVED = "idps_arrived", _("Internally displaced people arrived")
    IDPS_LEFT = "idps_left", _("Internally displaced people left")
    RETURNEES = "returnees", _("Returnees")
    MOBILISED = "mobilised", _("People mobilised")
    VETERANS = "veterans", _("Veterans")


class PopulationRecord(MunicipalityRecord):
    """One figure of the population or labour force in a year (e.g. IDPs registered)."""

    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=20, choices=PopulationIndicator.choices)
    value = models.PositiveIntegerField(_("number of people"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("population record")
        verbose_name_plural = _("population records")
        ordering = ["indicator", "year"]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} {self.year}: {self.value}"


class Direction(models.TextChoices):
    ARRIVED = "arrived", _("Arrived")
    LEFT = "left", _("Left")


class RelocatedEnterprise(MunicipalityRecord):
    """An enterprise that relocated into or out of the municipality."""

    name = models.CharField(_("enterprise"), max_length=200)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sector = models.CharField(
        _("KVED code"),
        max_length=10,
        help_text=_("KVED 2010 section, division or class, e.g. C or 10.71"),
    )
    jobs = models.PositiveIntegerField(_("jobs"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relocated enterprise")
        verbose_name_plural = _("relocated enterprises")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name


# --- War damage, losses and needs (RDNA) ---------------------------------------------


class DamageKind(models.TextChoices):
    DAMAGE = "damage", _("Damage (assets, replacement cost)")
    LOSS = "loss", _("Loss (economic flows)")
    NEED = "need", _("Need (recovery and building back better)")


class DamageSector(models.TextChoices):
    """The sectors of the Rapid Damage and Needs Assessment (RDNA, World Bank et al.)."""

    HOUSING = "housing", _("Housing")
    TRANSPORT = "transport", _("Transport")
    ENERGY = "energy", _("Energy")
    WATER = "water", _("Water supply and sanitation")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    SOCIAL = "social", _("Social protection")
    CULTURE = "culture", _("Culture and tourism")
    AGRICULTURE = "agriculture", _("Agriculture")
    INDUSTRY = "industry", _("Industry and commerce")
    FINANCE = "finance", _("Finance")
    TELECOM = "telecom", _("Telecommunications and digital")
    ENVIRONMENT = "environment", _("Environment")
    GOVERNANCE = "governance", _("Public administration")
    OTHER = "other", _("Other")


class AssetType(models.TextChoices):
    BUILDINGS = "buildings", _("Buildings")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure networks")
    EQUIPMENT = "equipment", _("Machinery and equipment")
    INVENTORY = "inventory", _("Stocks and inventory")
    LAND = "land", _("Land and crops")
    VEHICLES = "vehicles", _("Vehicles")
    FLOWS = "flows", _("Economic flows (revenue, output)")
    OTHER = "other", _("Other")


class DamageStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    VERIFIED = "verified", _("Verified")
    IN_RECOVERY = "in_recovery", _("Recovery under way")
    RESOLVED = "resolved", _("Restored or resolved")


class DamageEntry(MunicipalityRecord):
    """One entry of the war damage, losses and needs register (RDNA sense)."""

    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=DamageKind.choices, default=DamageKind.DAMAGE
    )
    sector = models.CharField(_("sector"), max_length=20, choices=DamageSector.choices)
    asset_type = models.CharField(_("asset type"), max_length=20, choices=AssetType.choices)
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(
        _("amount, UAH thousand"), max_digits=16, decimal_places=1, default=0
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Optional. Mark the entry restricted if the location is sensitive."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DamageStatus.choices, default=DamageStatus.REPORTED
    )

    class Meta:
        verbose_name = _("damage, loss or need")
        verbose_name_plural = _("damage, losses and needs")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return self.description


class DamageImpact(models.Model):
    """The firms, jobs and output of one KVED section affected by a damage entry."""

    entry = models.ForeignKey(DamageEntry, on_delete=models.CASCADE, related_name="impacts")
    sector = models.CharField(_("KVED section"), max_length=1)
    firms = models.PositiveIntegerField(_("firms affected"), default=0)
    jobs = models.PositiveIntegerField(_("jobs affected"), default=0)
    output = models.DecimalField(
        _("output lost, UAH thousand"), max_digits=16, decimal_places=1, default=0
    )
    # Corrections and removals are versioned like the entry itself.
    history = HistoricalRecords()
    # Who made a change, for simple-history (set by the services before save/delete).
    _history_user: Any

    class Meta:
        verbose_name = _("economic impact")
        verbose_name_plural = _("economic impacts")
        ordering = ["sector"]


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Computing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DiagnosisRun(models.Model):
    """A diagnosis computed in the background (django tasks) for one dataset version, set of
    years and language; the page polls its progress and then draws the stored result."""

    municipality = models.ForeignKey(
        "workspaces.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    query = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, default="uk")
    csv_base = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Not stored: set by services.diagnosis_run_start when a viewer asked for years no one
    # computed and gets the default years' run instead.
    fallback: bool

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_run_per_version_key")
        ]
