// Embedding worker.
import OpenAI from 'openai';

// ruleid: no-ai-service-keys
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// ruleid: no-ai-service-keys
const groqKey = process.env.GROQ_API_KEY;

// ok: no-ai-service-keys
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// ok: no-ai-service-keys
const mask = 'sk-...';
