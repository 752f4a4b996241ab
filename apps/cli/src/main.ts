import { runCli } from './program';

const write = (stream: NodeJS.WriteStream) => ({ write: (text: string) => void stream.write(text) });

runCli(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`touchpoint: ${String(error)}\n`);
    process.exitCode = 10;
  });
