/**
 * restXml codec (S3): input read from the REST request (path labels, query, headers, XML or raw payload)
 * as the operation's input schema's http traits say; output written by the SDK's XmlShapeSerializer.
 */
export interface RestXmlCodecSettings {
  /** smithy namespace, e.g. com.amazonaws.s3 */
  serviceNamespace: string;
  /** XML namespace of response documents, e.g. http://s3.amazonaws.com/doc/2006-03-01/ */
  xmlNamespace: string;
}
