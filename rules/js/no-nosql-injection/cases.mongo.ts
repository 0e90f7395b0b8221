// The same handler on Mongoose models: request data can carry operators.
import { type Request, type Response } from 'express';
import { Model } from 'mongoose';

interface UserDoc { email: string; password: string }

export function loginHandler(users: Model<UserDoc>) {
  return async (req: Request, res: Response) => {
    // ruleid: no-nosql-injection
    const user = await users.findOne({ email: req.body.email, password: req.body.password });
    res.json({ found: !!user });
  };
}

export function profileHandler(users: Model<UserDoc>) {
  return async ({ params }: Request, res: Response) => {
    // ok: no-nosql-injection
    res.json(await users.findOne({ email: params.email }));
  };
}
