import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazily loaded tabs and pages take longer than the default second to appear
// on a loaded machine; `findBy*` waits up to this long.
configure({ asyncUtilTimeout: 5_000 });
