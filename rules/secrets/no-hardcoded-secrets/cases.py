# Django settings for the billing service.
import os

# ruleid: no-hardcoded-secrets
SECRET_KEY = "{{fake:base64-32}}"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "billing",
        # ruleid: no-hardcoded-secrets
        "PASSWORD": "{{fake:password}}",
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
client = Client(client_id="billing", client_secret="{{fake:token}}")
