import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function answerFromDocs(question: string, passages: string[]) {
  const { text } = await generateText({
    model: openai('gpt-4.1-mini'),
    system: 'Answer only from the passages. Say "I don\'t know" when they do not contain the answer.',
    prompt: `Passages:\n${passages.join('\n---\n')}\n\nQuestion: ${question}`,
    maxOutputTokens: 400,
  });
  return text;
}
