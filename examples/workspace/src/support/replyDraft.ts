import OpenAI from 'openai';

const openai = new OpenAI();

const SUPPORT_SYSTEM_PROMPT = `You are the support assistant for Acme Cloud, a hosting company.
Answer in the customer's language. Be concise and friendly, and never promise refunds:
hand refund requests to a human agent by replying with the single word ESCALATE.
Cite the help-center article you relied on as a Markdown link.
If the question is about billing, ask for the invoice number before anything else.
If the customer is angry, acknowledge the problem in one sentence before answering.`;

export async function draftReply(ticket: { subject: string; body: string; customerName: string }) {
  // promptmeter: 2k/day
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: SUPPORT_SYSTEM_PROMPT },
      { role: 'user', content: `Customer ${ticket.customerName} writes about "${ticket.subject}":\n\n${ticket.body}` },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}
