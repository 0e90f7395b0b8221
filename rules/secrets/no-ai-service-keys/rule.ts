// AI service API key in code: OpenAI, Anthropic, Hugging Face, Groq, Replicate, Perplexity, xAI, LangSmith, Cohere and Mistral. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-ai-service-keys',
  title: 'AI service API key in code',
  severity: 'high',
  tags: ['ai'],
});
