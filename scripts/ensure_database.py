"""Creates the PostgreSQL database named by DATABASE_URL if it does not exist yet."""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql

url = os.environ.get("DATABASE_URL", "")
config = dj_database_url.parse(url) if url else {}
if "postgres" not in config.get("ENGINE", ""):
    sys.exit(0)  # SQLite (or another engine): nothing to create
admin = psycopg.connect(
    dbname="postgres",
    user=config["USER"] or None,
    password=config["PASSWORD"] or None,
    host=config["HOST"] or None,
    port=config["PORT"] or None,
    autocommit=True,
)
with admin:
    exists = admin.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
    ).fetchone()
    if not exists:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        print(f"Base PostgreSQL « {config['NAME']} » créée.")
