// The stack page loads like every other page: the same skeleton.
export { default } from '../../loading';
