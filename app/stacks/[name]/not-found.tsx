import { StackWaiting } from '@/components/stack-waiting';

// A stack that does not exist: 404, and the page shows it as soon as a deployment creates it.
export default function StackNotFound() {
  return <StackWaiting />;
}
