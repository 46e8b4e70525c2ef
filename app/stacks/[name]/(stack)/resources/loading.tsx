import { SectionSkeleton } from '@/components/stack-sections/section-states';

export default function Loading() {
  return <SectionSkeleton title="Resources" />;
}
