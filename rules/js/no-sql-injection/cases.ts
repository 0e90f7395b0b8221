// TypeScript services: TypeORM, Prisma, mysql2/promise and Sequelize as apps really use them.
import { type Request, type Response } from 'express';
import { PrismaClient, Prisma } from '@prisma/client';
import { AppDataSource } from './data-source';
import { User } from './entity/User';
import mysql from 'mysql2/promise';
import * as models from '../models';

const prisma = new PrismaClient();
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export async function findUser(req: Request, res: Response) {
  const user = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    // ruleid: no-sql-injection
    .where("user.email = '" + req.body.email + "'")
    .getOne();
  res.json(user);
}

export async function listUsers(req: Request, res: Response) {
  const qb = AppDataSource.getRepository(User).createQueryBuilder('user');
  // ruleid: no-sql-injection
  qb.orderBy(`user.${req.query.sort}`);
  // ok: no-sql-injection
  qb.andWhere('user.team = :team', { team: req.query.team });
  res.json(await qb.getMany());
}

export async function searchPosts(req: Request, res: Response) {
  // ruleid: no-sql-injection
  const posts = await prisma.$queryRawUnsafe(`SELECT * FROM "Post" WHERE title ILIKE '%${req.query.q}%'`);
  // ok: no-sql-injection
  const safer = await prisma.$queryRaw`SELECT * FROM "Post" WHERE title ILIKE ${'%' + req.query.q + '%'}`;
  // ok: no-sql-injection
  const alsoSafe = await prisma.$queryRawUnsafe('SELECT * FROM "Post" WHERE title ILIKE $1', `%${req.query.q}%`);
  res.json({ posts, safer, alsoSafe });
}

export async function deletePost(req: Request, res: Response) {
  // ruleid: no-sql-injection
  await prisma.$executeRaw(Prisma.raw(`DELETE FROM "Post" WHERE id = ${req.params.id}`));
  res.sendStatus(204);
}

export async function getOrder(req: Request, res: Response) {
  // ruleid: no-sql-injection
  const [rows] = await pool.query(`SELECT * FROM orders WHERE id = ${req.params.id}`);
  // ok: no-sql-injection
  const [same] = await pool.execute('SELECT * FROM orders WHERE id = ?', [req.params.id]);
  res.json({ rows, same });
}

export function login() {
  return (req: Request, res: Response) => {
    // ruleid: no-sql-injection
    models.sequelize.query(`SELECT * FROM Users WHERE email = '${req.body.email || ''}' AND password = '${req.body.password || ''}' AND deletedAt IS NULL`, { plain: true })
      .then((user: unknown) => res.json(user));
  };
}
