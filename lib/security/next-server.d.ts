/** Types for next-server.js (plain JavaScript so next.config.js can import it). */
export declare const NEXT_SERVER_REFUSAL: string;
export declare function isNextCliServer(argv: readonly string[]): boolean;
