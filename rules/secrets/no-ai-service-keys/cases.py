# Summarises support tickets.
import os

from anthropic import Anthropic
from openai import OpenAI

# ruleid: no-ai-service-keys
client = OpenAI(api_key="{{fake:openai}}")
# ruleid: no-ai-service-keys
claude = Anthropic(api_key="{{fake:anthropic}}")
# ruleid: no-ai-service-keys
HF_TOKEN = "{{fake:huggingface}}"

# ok: no-ai-service-keys
safe = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: no-ai-service-keys
OPENAI_API_KEY = "sk-your-key-here"
