import { SectionSkeleton } from '@/components/stack-sections/section-states';

// Below the stack layout: the heading and tabs stay, the section shows placeholder rows.
export default function Loading() {
  return <SectionSkeleton title="Overview" />;
}
