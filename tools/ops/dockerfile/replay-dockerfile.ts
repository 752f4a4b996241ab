/**
 * Replays a Dockerfile's stages without Docker: every stage gets a folder standing in for its
 * root file system, WORKDIR/ENV/ARG/COPY/RUN are carried out there with the host's shell and
 * Node.js, and the target stage's ENTRYPOINT + CMD is returned ready to spawn. It proves the
 * Dockerfile's own build and start steps work from a clean folder; it cannot prove what only
 * an engine shows (base image contents, file ownership, USER's permissions).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Arg, Cmd, Copy, DockerfileParser, Entrypoint, Env, From, type Instruction, JSONInstruction, Run, User, Workdir } from 'dockerfile-ast';
import { dockerignoreFilter } from './dockerignore';

export interface ReplayedStage {
  readonly name: string;
  /** The folder standing in for the stage's `/`. */
  readonly root: string;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly command: readonly string[];
  readonly user: string | null;
  readonly baseImages: readonly string[];
}

interface StageState {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  user: string | null;
  baseImages: string[];
}

const expand = (text: string, vars: Readonly<Record<string, string>>): string =>
  text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = vars[braced ?? bare ?? ''];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  });

const execForm = (instruction: Instruction): string[] | null =>
  instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0 ? instruction.getJSONStrings().map((argument) => argument.getJSONValue()) : null;

/** The stages the target depends on, in file order, each as the instructions after its FROM. */
function stagesOf(content: string): { initialArgs: Arg[]; stages: { from: From; instructions: Instruction[] }[] } {
  const dockerfile = DockerfileParser.parse(content);
  const stages: { from: From; instructions: Instruction[] }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) stages.push({ from: instruction, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return { initialArgs: dockerfile.getInitialARGs(), stages };
}

export interface ReplayOptions {
  readonly dockerfile: string;
  readonly context: string;
  readonly target: string;
  /** Where the stage folders go; must be empty or missing. */
  readonly scratch: string;
  readonly onStep?: (line: string) => void;
}

let npmCache: string | undefined;
function hostNpmCache(): string {
  npmCache ??= execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  return npmCache;
}

export function replayDockerfile(options: ReplayOptions): ReplayedStage {
  const { initialArgs, stages } = stagesOf(fs.readFileSync(options.dockerfile, 'utf8'));
  const globalArgs: Record<string, string> = {};
  for (const arg of initialArgs) {
    const property = arg.getProperty();
    if (property) globalArgs[property.getName()] = property.getValue() ?? '';
  }
  const ignored = dockerignoreFilter(options.context);
  const done = new Map<string, StageState>();
  const say = options.onStep ?? (() => undefined);

  const replayStage = (index: number): StageState => {
    const { from, instructions } = stages[index];
    const name = from.getBuildStage() ?? String(index);
    const image = expand(from.getImage() ?? '', globalArgs);
    const parent = done.get(image);
    const root = path.join(options.scratch, `stage-${index}-${name}`);
    fs.mkdirSync(path.join(root, 'root'), { recursive: true });
    const state: StageState = parent
      ? { ...parent, name, root, env: { ...parent.env }, entrypoint: [...parent.entrypoint], cmd: [...parent.cmd], baseImages: [...parent.baseImages] }
      : { name, root, workdir: '/', env: {}, entrypoint: [], cmd: [], user: null, baseImages: [image] };
    if (parent) fs.cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true });
    say(`FROM ${image} AS ${name}${parent ? '' : ' (the host stands in for the base image)'}`);
    const stageArgs: Record<string, string> = {};
    const inRoot = (target: string): string => path.join(root, path.posix.resolve(state.workdir, target));
    for (const instruction of instructions) {
      const vars = { ...globalArgs, ...stageArgs, ...state.env };
      if (instruction instanceof Workdir) {
        state.workdir = path.posix.resolve(state.workdir, expand(instruction.getArgumentsContent() ?? '/', vars));
        fs.mkdirSync(path.join(root, state.workdir), { recursive: true });
      } else if (instruction instanceof Env) {
        for (const property of instruction.getProperties()) state.env[property.getName()] = expand(property.getUnescapedValue() ?? '', vars);
      } else if (instruction instanceof Arg) {
        const property = instruction.getProperty();
        if (property) stageArgs[property.getName()] = property.getValue() ?? globalArgs[property.getName()] ?? '';
      } else if (instruction instanceof Copy) {
        const fromStage = instruction.getFromFlag()?.getValue() ?? null;
        const words = instruction.getArguments().map((argument) => expand(argument.getValue(), vars));
        const destination = words.at(-1) ?? '.';
        const sources = words.slice(0, -1);
        const source = fromStage === null ? null : done.get(fromStage);
        if (fromStage !== null && !source) throw new Error(`COPY --from=${fromStage}: no earlier stage of that name`);
        const intoDirectory = destination.endsWith('/') || destination === '.' || sources.length > 1;
        for (const item of sources) {
          const from = source ? path.join(source.root, path.posix.resolve(source.workdir, item)) : path.join(options.context, item);
          if (!fs.existsSync(from)) throw new Error(`${instruction.getRange().start.line + 1}: COPY source ${item} does not exist`);
          const isDirectory = fs.statSync(from).isDirectory();
          const to = intoDirectory && !isDirectory ? path.join(inRoot(destination), path.basename(item)) : inRoot(destination);
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.cpSync(from, to, {
            recursive: true,
            verbatimSymlinks: true,
            filter: (file) => (source ? true : !ignored(path.relative(options.context, file))),
          });
        }
      } else if (instruction instanceof Run) {
        const argv = execForm(instruction) ?? ['sh', '-c', instruction.getRawArgumentsContent() ?? ''];
        say(`RUN ${argv.join(' ')}`);
        // npm's cache is the host's here; a step that empties it would empty the host's.
        if (argv.some((word) => /npm cache clean/.test(word))) throw new Error(`stage ${name}: RUN npm cache clean is not replayed (it would clean the host's cache); only node_modules should leave an install stage`);
        const result = spawnSync(argv[0], argv.slice(1), {
          cwd: path.join(root, state.workdir),
          // A home of the stage's own, so a step can never touch the host user's files; npm
          // still reads the host's package cache, so the replay needs no network when it is warm.
          env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: path.join(root, 'root'), npm_config_cache: hostNpmCache(), ...stageArgs, ...state.env },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        if (result.status !== 0) throw new Error(`stage ${name}: RUN ${argv.join(' ')} exited with ${result.status ?? result.signal}`);
      } else if (instruction instanceof Entrypoint) {
        state.entrypoint = execForm(instruction) ?? ['sh', '-c', instruction.getRawArgumentsContent() ?? ''];
        state.cmd = [];
      } else if (instruction instanceof Cmd) {
        state.cmd = execForm(instruction) ?? ['sh', '-c', instruction.getRawArgumentsContent() ?? ''];
      } else if (instruction instanceof User) {
        state.user = expand(instruction.getArgumentsContent() ?? '', vars);
      }
    }
    done.set(name, state);
    return state;
  };

  const targetIndex = stages.findIndex((stage) => stage.from.getBuildStage() === options.target);
  if (targetIndex < 0) throw new Error(`the Dockerfile has no stage named ${options.target}`);
  // Stages a target needs come earlier in the file (BuildKit would skip unused ones; replaying them costs time only).
  const needed = neededStages(stages, targetIndex, globalArgs);
  let target: StageState | undefined;
  for (let index = 0; index <= targetIndex; index += 1) if (needed.has(index)) target = replayStage(index);
  if (!target) throw new Error('nothing replayed');
  return { name: target.name, root: target.root, workdir: target.workdir, env: target.env, command: [...target.entrypoint, ...target.cmd], user: target.user, baseImages: target.baseImages };
}

function neededStages(stages: { from: From; instructions: Instruction[] }[], targetIndex: number, globalArgs: Record<string, string>): Set<number> {
  const byName = new Map(stages.map((stage, index) => [stage.from.getBuildStage() ?? String(index), index]));
  const needed = new Set<number>();
  const visit = (index: number): void => {
    if (needed.has(index)) return;
    needed.add(index);
    const { from, instructions } = stages[index];
    const parent = byName.get(expand(from.getImage() ?? '', globalArgs));
    if (parent !== undefined) visit(parent);
    for (const instruction of instructions) {
      const fromStage = instruction instanceof Copy ? instruction.getFromFlag()?.getValue() : undefined;
      const source = fromStage === undefined || fromStage === null ? undefined : byName.get(fromStage);
      if (source !== undefined) visit(source);
    }
  };
  visit(targetIndex);
  return needed;
}

/** `node` in an exec form is the host's Node.js, which must be the major version the base image names. */
export function hostNodeMatches(baseImage: string): boolean {
  const major = /^node:(\d+)/.exec(baseImage)?.[1];
  return major !== undefined && process.versions.node.split('.')[0] === major;
}

/** The stage folders hold several node_modules trees; rm -rf walks them in one native process. */
export const removeScratch = (dir: string): void => {
  execFileSync('rm', ['-rf', dir]);
};
