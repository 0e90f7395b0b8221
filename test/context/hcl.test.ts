// The Terraform (HCL) reader: blocks, attributes and lines; strings, heredocs and interpolation;
// collections and calls evaluated to data; references kept from expressions it does not evaluate.
import { strict as assert } from 'node:assert';
import { attribute, evaluate, parseHcl, resourceReferences, type HclBody } from '../../server/src/engine/context/hcl';

function only(text: string): HclBody {
  const file = parseHcl(text);
  assert.equal(file.error, undefined, file.error?.message);
  return file.body;
}

describe('HCL reader', () => {
  it('reads blocks with labels, nested blocks and the line of each', () => {
    const body = only(`# comment
// another
/* a block
   comment */
resource "aws_lb" "public" {
  internal = false
  access_logs {
    enabled = true
  }
}
terraform {}
`);
    assert.deepEqual(body.blocks.map((b) => [b.type, b.labels, b.line]), [['resource', ['aws_lb', 'public'], 4], ['terraform', [], 10]]);
    const lb = body.blocks[0]!.body;
    assert.deepEqual([attribute(lb, 'internal')!.line, evaluate(attribute(lb, 'internal')!.value)], [5, false]);
    assert.equal(evaluate(attribute(lb.blocks[0]!.body, 'enabled')!.value), true);
  });

  it('evaluates literals, collections, jsonencode and path interpolation', () => {
    const body = only(`
n = 42
s = "a \\"quoted\\" \\u00e9 value"
list = [1, "two", true, null,]
object = { a = 1, "b-c" = "x", d: [1, 2]
  e = { f = "g" } }
policy = jsonencode({
  Statement = [
    { Effect = "Allow", Action = ["s3:GetObject"] },
  ]
})
dir = "\${path.module}/../src"
escaped = "$\${not.interpolated}"
`);
    const value = (name: string): unknown => evaluate(attribute(body, name)!.value, { 'path.module': 'infra' });
    assert.equal(value('n'), 42);
    assert.equal(value('s'), 'a "quoted" é value');
    assert.deepEqual(value('list'), [1, 'two', true, null]);
    assert.deepEqual(value('object'), { a: 1, 'b-c': 'x', d: [1, 2], e: { f: 'g' } });
    assert.deepEqual(value('policy'), { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'] }] });
    assert.equal(value('dir'), 'infra/../src');
    assert.equal(value('escaped'), '${not.interpolated}');
  });

  it('reads heredocs, indented ones too, keeping their interpolations', () => {
    const body = only(`a = <<EOF
{"Action": "*"}
EOF
b = <<-JSON
    {
      "Resource": "\${aws_s3_bucket.x.arn}"
    }
    JSON
c = 1
`);
    assert.equal(evaluate(attribute(body, 'a')!.value), '{"Action": "*"}\n');
    const b = attribute(body, 'b')!.value;
    assert.equal(b.kind, 'template');
    assert.deepEqual(resourceReferences(b), ['aws_s3_bucket.x']);
    assert.deepEqual([attribute(body, 'c')!.line, evaluate(attribute(body, 'c')!.value)], [8, 1]);
  });

  it('keeps the references of expressions it does not evaluate', () => {
    const body = only(`
role = aws_iam_role.app.arn
count = var.enabled ? 1 : 0
name = "\${local.prefix}-\${aws_s3_bucket.logs.id}"
subnets = [for s in aws_subnet.private : s.id]
tags = merge(local.tags, { Name = data.aws_caller_identity.me.account_id })
first = aws_instance.web[0].id
arns = aws_lambda_function.all[*].arn
`);
    const refs = (name: string): string[] => resourceReferences(attribute(body, name)!.value);
    assert.deepEqual(refs('role'), ['aws_iam_role.app']);
    assert.deepEqual(refs('count'), []);
    assert.deepEqual(refs('name'), ['aws_s3_bucket.logs']);
    assert.deepEqual(refs('subnets'), ['aws_subnet.private']);
    assert.deepEqual(refs('tags'), ['data.aws_caller_identity.me']);
    assert.deepEqual(refs('first'), ['aws_instance.web']);
    assert.deepEqual(refs('arns'), ['aws_lambda_function.all']);
  });

  it('stops at a syntax error with its line, keeping what came before', () => {
    const file = parseHcl('resource "a" "b" {\n  x = 1\n}\nresource "c" "d" {\n  y = = 2\n}\n');
    assert.deepEqual(file.error, { message: 'expected a value but found "="', line: 4 });
    assert.deepEqual(file.body.blocks.map((b) => b.labels.join('.')), ['a.b', 'c.d']);
    assert.equal(parseHcl('a = <<EOF\nnever closed\n').error?.message, 'the heredoc <<EOF is never closed with a line "EOF"');
    assert.equal(parseHcl('a = "x\n').error?.message, 'a quoted string must end on the line it starts on');
    assert.equal(parseHcl('a = 1\n}\n').error?.message, 'unexpected "}"');
    assert.equal(parseHcl('a = `x`\n').error?.message, 'unexpected character "`"');
  });
});
