import { render } from 'preact';
import { App } from './App';
import { largeText } from './store';
import './styles.css';

document.documentElement.classList.toggle('large-text', largeText.value);
render(<App />, document.getElementById('app')!);
