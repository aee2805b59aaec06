// The extension as the benchmarks build it: wxt.config.ts, output in bench-output/build so
// a bench run never rewrites the .output/ that the end-to-end suites are using.
import base from '../../wxt.config';

export default { ...base, outDir: 'bench-output/build' };
