// An Express app on TypeORM: `users.findOne({ ... })` is the ORM's, not a MongoDB query.
import { type Request, type Response } from 'express';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export function loginHandler(users: Repository<User>) {
  return async (req: Request, res: Response) => {
    // ok: no-nosql-injection
    const user = await users.findOne({ email: req.body.email } as never);
    res.json({ found: !!user });
  };
}
