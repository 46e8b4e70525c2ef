import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

// next-auth's endpoints: csrf, providers, session, signin/<provider>, callback/<provider>, signout, error.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
