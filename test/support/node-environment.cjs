// Jest gives each test file its own realm, so a Float32Array made in a test is not an
// `instanceof Float32Array` of the outer realm that native addons (onnxruntime-node, hnswlib-node)
// and transformers.js check against. Sharing the host's typed-array constructors avoids that.
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of [
      'ArrayBuffer',
      'Uint8Array',
      'Int8Array',
      'Uint16Array',
      'Int16Array',
      'Uint32Array',
      'Int32Array',
      'Float32Array',
      'Float64Array',
      'BigInt64Array',
      'BigUint64Array',
    ]) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = NodeEnvironment;
