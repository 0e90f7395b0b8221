# Django settings for the billing service.
import os

# ruleid: no-hardcoded-secrets
SECRET_KEY = os.environ["SECRET_KEY"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "billing",
        # ruleid: no-hardcoded-secrets
        "PASSWORD": os.environ["PASSWORD"],
    }
}

# ok: no-hardcoded-secrets
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")
# ok: no-hardcoded-secrets
PASSWORD_RESET_TIMEOUT = 3600
# ok: no-hardcoded-secrets
API_KEY = "changeme"
# ok: no-hardcoded-secrets
password_field = "password"
# ok: no-hardcoded-secrets
TOKEN_URL = "https://auth.acme.dev/oauth/token"
# ruleid: no-hardcoded-secrets
client = Client(client_id="billing", client_secret=os.environ["CLIENT_SECRET"])
