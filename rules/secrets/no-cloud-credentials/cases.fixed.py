# Nightly export of reports to S3 and GCS.
import os
import boto3

# ruleid: no-cloud-credentials
AWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]
# ruleid: no-cloud-credentials
AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]

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
MAPS_KEY = os.environ["MAPS_KEY"]
# ruleid: no-cloud-credentials
DO_TOKEN = os.environ["DO_TOKEN"]
