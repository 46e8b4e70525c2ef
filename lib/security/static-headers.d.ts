/** Types for static-headers.js (plain JavaScript so next.config.js can import it). */
export declare const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }>;
