// Must NOT compile: play() takes a scenario script (with steps), not a list of steps.
import { create } from '../../js/simulator/index.js';

async function wrong(): Promise<void> {
  const sim = await create();
  await sim.play([{ do: 'answer' }]);
}
export { wrong };
