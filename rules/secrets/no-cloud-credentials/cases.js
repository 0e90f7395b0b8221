// Blob storage and Azure AD settings for the upload service.
const { BlobServiceClient } = require('@azure/storage-blob');

// ruleid: no-cloud-credentials
const connection = 'DefaultEndpointsProtocol=https;AccountName=acmeuploads;AccountKey={{fake:azure-storage-key}};EndpointSuffix=core.windows.net';

// ruleid: no-cloud-credentials
const clientSecret = '{{fake:azure-ad-client-secret}}';

// ruleid: no-cloud-credentials
const sasUrl = 'https://acmeuploads.blob.core.windows.net/in?sv=2022-11-02&ss=b&srt=o&sp=rw&se=2031-01-01T00:00:00Z&sig={{fake:azure-sas-signature}}';

// ok: no-cloud-credentials
const client = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING);

// ruleid: no-cloud-credentials
const herokuKey = '{{fake:heroku}}';

// ok: no-cloud-credentials
const region = 'us-east-1';
