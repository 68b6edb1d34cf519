"""Load scenario: officers browsing the dashboard, diagnosis, plan and peer pages.

Each simulated user logs in as one of the seeded load-test accounts (see seed.py) and
then browses its municipality's pages with think times of 1-3 s.
Run through ./run.sh, which starts the server and prints p50/p95/p99 and errors.
"""

import os
import random

from locust import HttpUser, between, task

CODES = os.environ.get("LOAD_CODES", "").split(",")
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-2026")


class Officer(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.n = random.randrange(len(CODES))
        self.code = CODES[self.n]
        response = self.client.get("/accounts/login/", name="login page")
        token = response.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": f"load{self.n}", "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
        )

    @task(4)
    def dashboard(self):
        self.client.get(f"/m/{self.code}/", name="dashboard")

    @task(3)
    def assess(self):
        self.client.get(f"/m/{self.code}/assess/", name="assess")

    @task(2)
    def plan(self):
        self.client.get(f"/m/{self.code}/plan/", name="plan")

    @task(1)
    def followup(self):
        self.client.get(f"/m/{self.code}/follow-up/", name="follow-up")

    @task(1)
    def exchange(self):
        self.client.get("/exchange/", name="peer exchange")
