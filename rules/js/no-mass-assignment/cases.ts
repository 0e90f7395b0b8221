import { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import type { Request, Response } from 'express';
import { AppDataSource } from './data-source';
import { Account } from './entity/Account';

const prisma = new PrismaClient();
const accounts = AppDataSource.getRepository(Account);

const UpdateProfile = z.object({ displayName: z.string().max(80), locale: z.string().length(2) });

export async function createUser(req: Request, res: Response) {
  // ruleid: no-mass-assignment
  const user = await prisma.user.create({ data: req.body });
  res.status(201).json(user);
}

export async function updateUser(req: Request, res: Response) {
  const user = await prisma.user.update({
    where: { id: Number(req.params.id) },
    // ruleid: no-mass-assignment
    data: { ...req.body },
  });
  res.json(user);
}

export async function createAccount(req: Request, res: Response) {
  // ruleid: no-mass-assignment
  const saved = await accounts.save(req.body as Partial<Account>);
  res.status(201).json(saved);
}

export async function updateProfile(req: Request, res: Response) {
  const data = UpdateProfile.parse(req.body);
  // ok: no-mass-assignment
  const user = await prisma.user.update({ where: { id: Number(req.params.id) }, data });
  res.json(user);
}

export async function createAccountSafely(req: Request, res: Response) {
  const { email, plan } = req.body as { email: string; plan: string };
  // ok: no-mass-assignment
  const saved = await accounts.save({ email, plan, role: 'member' });
  res.status(201).json(saved);
}
