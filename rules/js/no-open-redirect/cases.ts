// Next.js route handlers and middleware.
import { NextResponse, type NextRequest } from 'next/server';
import { redirect } from 'next/navigation';

export function middleware(request: NextRequest) {
  const next = request.nextUrl.searchParams.get('next');
  if (next) {
    // ruleid: no-open-redirect
    return NextResponse.redirect(new URL(next, request.url));
  }
  // ok: no-open-redirect
  return NextResponse.redirect(new URL('/login', request.url));
}

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const callbackUrl = searchParams.get('callbackUrl') ?? '/';
  // ruleid: no-open-redirect
  redirect(callbackUrl);
}

export async function POST(request: Request) {
  const form = await request.formData();
  const page = String(form.get('page'));
  // ok: no-open-redirect
  return Response.redirect(new URL(`/pages/${page}`, 'https://app.example.com'), 303);
}
