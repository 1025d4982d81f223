// expect: S014
import type { Request, Response } from 'express';

export async function preview(req: Request, res: Response) {
  const url = String(req.query.url);
  const upstream = await fetch(url);
  res.send(await upstream.text());
}
