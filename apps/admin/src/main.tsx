import { render } from 'preact';
import '../../shared/base.css';
import './admin.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
