import { fanOutContract } from './fanOutContract';
import { InProcessFanOut } from './InProcessFanOut';

fanOutContract('in-process', async () => {
  const shared = new InProcessFanOut();
  return [shared, shared];
});
