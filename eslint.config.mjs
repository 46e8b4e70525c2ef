import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const nextConfigs = [...nextCoreWebVitals, ...nextTypescript];

/**
 * The React, JSX-a11y and Next rules, off. The CDK app, localaws, the benches, the scripts, the browser tests and
 * lib/'s .ts files render no React (lib/ takes only React's `cache`), and the React Compiler's rules
 * (react-hooks/static-components and friends) cost about a third of the lint's time analysing every function there
 * (lint 40 → 33 CPU-s with lib/ added); Playwright's fixtures would also trip rules-of-hooks on their `use` callback.
 */
const uiRulesOff = Object.fromEntries(
  nextConfigs
    .flatMap((config) => Object.keys(config.rules ?? {}))
    .filter((rule) => /^(react|react-hooks|jsx-a11y|@next\/next)\//.test(rule))
    .map((rule) => [rule, 'off']),
);

const config = [
  ...nextConfigs,
  { files: ['infra/**', 'bench/**', 'scripts/**', 'e2e/**', 'lib/**/*.ts'], rules: uiRulesOff },
  {
    // Links prefetch on intent (components/link.tsx): next/link's viewport prefetch cost a stack page ~28 server renders.
    files: ['app/**', 'components/**'],
    ignores: ['components/link.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'next/link', message: "Use '@/components/link': it prefetches on intent, not on sight." }] },
      ],
    },
  },
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
