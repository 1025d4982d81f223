// expect: S014
import got from 'got';
import type { Request, Response } from 'express';

export async function testWebhook(req: Request, res: Response) {
  const target: string = req.body.callbackUrl;
  const reply = await got.post(target, { json: { event: 'ping' }, timeout: { request: 5000 } });
  res.json({ status: reply.statusCode });
}
