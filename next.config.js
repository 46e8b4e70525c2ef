// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dashboard is a server-side AWS client: keep the SDK out of the bundler so it loads as plain Node modules.
  serverExternalPackages: ['@aws-sdk/client-cloudformation', '@aws-sdk/client-sts'],
  poweredByHeader: false,
};

export default nextConfig;
