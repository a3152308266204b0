from django.db import models


class LookupCounter(models.Model):
    """Failed look-ups counted per browser session, per number and per client IP, in the
    database so that every app-server process sees the same counts (G19)."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    class Meta:
        verbose_name = "compteur de tentatives"

    def __str__(self):
        return f"{self.key} = {self.count}"
