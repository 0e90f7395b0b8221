# Nightly export of reports to S3 and GCS.
import os
import boto3

# ruleid: no-cloud-credentials
AWS_ACCESS_KEY_ID = "{{fake:aws-access-key-id}}"
# ruleid: no-cloud-credentials
AWS_SECRET_ACCESS_KEY = "{{fake:aws-secret-access-key}}"

# ok: no-cloud-credentials
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"
# ok: no-cloud-credentials
EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

s3 = boto3.client(
    "s3",
    # ok: no-cloud-credentials
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    # ok: no-cloud-credentials
    aws_secret_access_key=os.getenv("AWS_SECRET_ACCESS_KEY"),
)

# ruleid: no-cloud-credentials
MAPS_KEY = "{{fake:gcp-api-key}}"
# ruleid: no-cloud-credentials
DO_TOKEN = "{{fake:digitalocean}}"
