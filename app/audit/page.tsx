import type { Metadata } from 'next';
import { connection } from 'next/server';
import { AuditLog } from '@/components/audit/audit-log';
import { auditFilterOf, AUDIT_PAGE_SIZE, parseAuditQuery } from '@/components/audit/audit-query';
import { requireUser } from '@/lib/auth/guard';
import { getStore } from '@/lib/store';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await connection();
  await requireUser('/audit');
  const query = parseAuditQuery(await searchParams);
  const store = getStore();
  const [verification, page] = await Promise.all([store.verifyAudit(), store.listAudit(auditFilterOf(query))]);
  const entries = page.slice(0, AUDIT_PAGE_SIZE);
  const older = page.length > AUDIT_PAGE_SIZE ? entries.at(-1)?.seq : undefined;

  return <AuditLog verification={verification} entries={entries} query={query} olderThan={older} />;
}
