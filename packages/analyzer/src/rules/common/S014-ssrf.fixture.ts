import type { Request, Response } from 'express';

export async function proxy(req: Request, res: Response) {
  // ruleid: S014
  const upstream = await fetch(req.query.url as string);
  // ok: S014
  const health = await fetch('https://status.example.com/health');
  res.send([upstream.status, health.status]);
}
