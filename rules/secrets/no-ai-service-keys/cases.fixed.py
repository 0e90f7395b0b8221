# Summarises support tickets.
import os

from anthropic import Anthropic
from openai import OpenAI

# ruleid: no-ai-service-keys
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ruleid: no-ai-service-keys
claude = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])
# ruleid: no-ai-service-keys
HF_TOKEN = os.environ["HF_TOKEN"]

# ok: no-ai-service-keys
safe = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: no-ai-service-keys
OPENAI_API_KEY = "sk-your-key-here"
