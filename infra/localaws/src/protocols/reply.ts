/** What a protocol handler needs from the HTTP request, and what it answers; keeps node:http out of codecs. */
export interface IncomingAwsRequest {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}
