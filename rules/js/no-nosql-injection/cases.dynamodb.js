// DynamoDB in AWS Lambda handlers and Express routes: the request parameters of a query are the
// table, key and expressions; only the values inside them may come from the caller.
const AWS = require('aws-sdk');
const express = require('express');
const { DynamoDBClient, QueryCommand, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');

const documentClient = new AWS.DynamoDB.DocumentClient();
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const app = express();
app.use(express.json());

exports.handler = async (event) => {
  const body = JSON.parse(event.body);
  // ruleid: no-nosql-injection
  const { Items } = await documentClient.query(body.params).promise();
  return { statusCode: 200, body: JSON.stringify(Items) };
};

exports.lambdaHandler = async (event) => {
  const params = Object.assign({ TableName: 'orders' }, JSON.parse(event.body).query);
  // ruleid: no-nosql-injection
  const data = await ddb.send(new QueryCommand(params));
  return { statusCode: 200, body: JSON.stringify(data.Items) };
};

app.post('/reports', async (req, res) => {
  // ruleid: no-nosql-injection
  const data = await ddb.send(new ScanCommand({ TableName: 'reports', ...req.body }));
  res.json(data.Items);
});

app.get('/orders/:id', async (req, res) => {
  // The request supplies only a key value; the table and the key name are the code's.
  // ok: no-nosql-injection
  const data = await ddb.send(new GetCommand({ TableName: 'orders', Key: { orderId: req.params.id } }));
  res.json(data.Item);
});

exports.byTitle = async (event) => {
  const params = {
    TableName: 'shows',
    KeyConditionExpression: 'Title = :t',
    ExpressionAttributeValues: { ':t': { S: event.pathParameters.title } },
  };
  // ok: no-nosql-injection
  const data = await ddb.send(new QueryCommand(params));
  return { statusCode: 200, body: JSON.stringify(data.Items) };
};
