import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      'next-env.d.ts',
      'cdk.out/**',
      'infra/cdk.out/**',
      'test-results/**',
      'playwright-report/**',
      '.localaws/**',
    ],
  },
];

export default config;
