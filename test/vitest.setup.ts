/**
 * Set up before every test file of both projects.
 * testing-library's findBy…/waitFor give up after 1 s by default; on a busy machine (two cores
 * shared by several runs) a first render of a Fluent UI app can take longer. They wait on a
 * condition, never on a duration, so a longer bound costs nothing when the condition holds.
 */
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 15_000 });
