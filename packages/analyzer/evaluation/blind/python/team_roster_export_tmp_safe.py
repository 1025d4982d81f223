# expect: safe
import csv
import os
import tempfile

from celery import shared_task

from league.mail import send_attachment
from league.models import Team


@shared_task(bind=True, max_retries=3)
def email_roster(self, team_id: int, recipient: str):
    team = Team.objects.select_related("coach").get(pk=int(team_id))
    fd, path = tempfile.mkstemp(prefix="roster_", suffix=".csv")
    with os.fdopen(fd, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Jersey", "Player", "Position", "Guardian phone"])
        for player in team.players.order_by("jersey_number"):
            writer.writerow([player.jersey_number, player.full_name, player.position, player.guardian_phone])
    try:
        send_attachment(recipient, f"{team.name} roster", path, filename=f"{team.slug}-roster.csv")
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=60)
    finally:
        os.remove(path)
