"""One environment reader for every settings module (12-factor, django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is a convenience for developers; production sets real environment variables.
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)
