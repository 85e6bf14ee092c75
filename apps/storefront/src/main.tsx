import { render } from 'preact';
import '../../shared/base.css';
import './storefront.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
