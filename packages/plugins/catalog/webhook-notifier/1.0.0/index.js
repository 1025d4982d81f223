import { createHmac } from 'node:crypto';

async function post(event, data, { user_id, settings, signal }) {
  const body = JSON.stringify({ event, user_id, data, sent_at: new Date().toISOString() });
  const signature = createHmac('sha256', settings.secret).update(body).digest('hex');
  const response = await fetch(settings.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-resoftai-event': event, 'x-resoftai-signature': `sha256=${signature}` },
    body,
    signal,
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`the webhook receiver answered ${response.status}`);
}

export const hooks = {
  'workflow.started': (data, context) => post('workflow.started', data, context),
  // Findings stay on the platform; the receiver gets the analyzer's score and counts.
  'stage.completed': ({ analysis, ...data }, context) =>
    post('stage.completed', { ...data, analysis: analysis && { score: analysis.score, summary: analysis.summary } }, context),
  'workflow.completed': (data, context) => post('workflow.completed', data, context),
  'workflow.failed': (data, context) => post('workflow.failed', data, context),
};
