import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameFilters } from '../src/index.ts';

const { snake_case, kebab_case, camel_case, pascal_case } = nameFilters;

test('MyProjectName in every case', () => {
  assert.equal(snake_case('MyProjectName'), 'my_project_name');
  assert.equal(kebab_case('MyProjectName'), 'my-project-name');
  assert.equal(camel_case('MyProjectName'), 'myProjectName');
  assert.equal(pascal_case('MyProjectName'), 'MyProjectName');
});

test('spaces, dashes, underscores and repeated separators split words', () => {
  for (const input of ['my project name', 'my-project-name', 'my_project_name', '  my__project--name ']) {
    assert.equal(snake_case(input), 'my_project_name', input);
    assert.equal(pascal_case(input), 'MyProjectName', input);
  }
});

test('acronyms stay one word', () => {
  assert.equal(snake_case('XMLHttpRequest'), 'xml_http_request');
  assert.equal(kebab_case('my-API-server'), 'my-api-server');
  assert.equal(camel_case('APIServer'), 'apiServer');
  assert.equal(pascal_case('user ID'), 'UserId');
});

test('digits stay attached to their word', () => {
  assert.equal(snake_case('v2 api'), 'v2_api');
  assert.equal(kebab_case('Api2Server'), 'api2-server');
});
