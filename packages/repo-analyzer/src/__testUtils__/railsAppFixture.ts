import { FixtureRepo } from './FixtureRepo';

/** A Rails 7.1 app: RSpec + factory_bot, rubocop-rails-omakase, binstubs, migrations, PRs merged from `feature/` branches. */
export function buildRailsApp(): FixtureRepo {
  const repo = FixtureRepo.create('rails').init();
  repo
    .write(
      'Gemfile',
      [
        'source "https://rubygems.org"',
        '',
        'ruby "3.3.0"',
        '',
        'gem "rails", "~> 7.1.3"',
        'gem "pg", "~> 1.1"',
        'gem "puma", ">= 5.0"',
        'gem "turbo-rails"',
        'gem "stimulus-rails"',
        'gem "sidekiq"',
        '',
        'group :development, :test do',
        '  gem "rspec-rails"',
        '  gem "factory_bot_rails"',
        '  gem "rubocop-rails-omakase", require: false',
        '  gem "brakeman", require: false',
        'end',
        '',
        'group :test do',
        '  gem "capybara"',
        'end',
        '',
      ].join('\n'),
    )
    .write(
      'Gemfile.lock',
      [
        'GEM',
        '  remote: https://rubygems.org/',
        '  specs:',
        '    rails (7.1.3.2)',
        '      railties (= 7.1.3.2)',
        '    railties (7.1.3.2)',
        '    pg (1.5.6)',
        '    rspec-rails (6.1.2)',
        '    sidekiq (7.2.4)',
        '    turbo-rails (2.0.5)',
        '    stimulus-rails (1.3.3)',
        '',
        'BUNDLED WITH',
        '   2.5.6',
        '',
      ].join('\n'),
    )
    .write('.ruby-version', 'ruby-3.3.0\n')
    .write('.rspec', '--require spec_helper\n')
    .write(
      '.rubocop.yml',
      [
        'inherit_gem:',
        '  rubocop-rails-omakase: rubocop.yml',
        '',
        'Layout/LineLength:',
        '  Max: 120',
        '',
        'Style/FrozenStringLiteralComment:',
        '  Enabled: true',
        '',
      ].join('\n'),
    )
    .write(
      'config/application.rb',
      'require_relative "boot"\nrequire "rails/all"\n\nmodule Shop\n  class Application < Rails::Application\n  end\nend\n',
    )
    .write('config/routes.rb', 'Rails.application.routes.draw do\nend\n')
    .write('config/database.yml', 'default: &default\n  adapter: postgresql\n')
    .write(
      'bin/rails',
      '#!/usr/bin/env ruby\nAPP_PATH = File.expand_path("../config/application", __dir__)\nrequire_relative "../config/boot"\nrequire "rails/commands"\n',
    )
    .write(
      'bin/dev',
      '#!/usr/bin/env sh\nif ! gem list foreman -i --silent; then\n  gem install foreman\nfi\nexec foreman start -f Procfile.dev "$@"\n',
    )
    .write(
      'bin/setup',
      '#!/usr/bin/env ruby\nrequire "fileutils"\nsystem! "bundle install"\nsystem! "bin/rails db:prepare"\n',
    )
    .write(
      'bin/brakeman',
      '#!/usr/bin/env ruby\nrequire "bundler/setup"\nload Gem.bin_path("brakeman", "brakeman")\n',
    )
    .write(
      'bin/rubocop',
      '#!/usr/bin/env ruby\nrequire "rubygems"\nrequire "bundler/setup"\nload Gem.bin_path("rubocop", "rubocop")\n',
    )
    .write(
      'Rakefile',
      'require_relative "config/application"\n\nRails.application.load_tasks\n',
    )
    .write('app/models/user.rb', 'class User < ApplicationRecord\nend\n')
    .write(
      'app/controllers/users_controller.rb',
      'class UsersController < ApplicationController\nend\n',
    )
    .write(
      'db/migrate/20240101000000_create_users.rb',
      'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
    )
    .write(
      'db/schema.rb',
      '# This file is auto-generated from the current state of the database. Instead\n# of editing this file, please use the migrations feature of Active Record to\n# incrementally modify your database.\n\nActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\nend\n',
    )
    .write('spec/rails_helper.rb', 'require "spec_helper"\n')
    .write('spec/spec_helper.rb', 'RSpec.configure do |config|\nend\n')
    .write(
      'spec/models/user_spec.rb',
      'require "rails_helper"\n\nRSpec.describe User do\n  it "is valid" do\n  end\nend\n',
    )
    .write('spec/requests/users_spec.rb', 'require "rails_helper"\n')
    .write('spec/factories/users.rb', 'FactoryBot.define do\nend\n')
    .write('.github/CODEOWNERS', '* @acme/shop-team\n/db/ @acme/dba\n')
    .write(
      '.github/workflows/ci.yml',
      [
        'name: CI',
        'on: [pull_request]',
        'jobs:',
        '  lint:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: ruby/setup-ruby@v1',
        '      - run: bin/rubocop -f github',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: bin/rails db:test:prepare',
        '      - run: bundle exec rspec',
        '',
      ].join('\n'),
    )
    .commit('Initial Rails app');
  const subjects = [
    'Add users table',
    'Add sign up form',
    'Fix password reset link',
    'Update gems',
    'Add orders page',
    'Validate emails',
    'Tidy routes',
    'Add admin dashboard',
    'Speed up user search',
    'Add order mailer',
  ];
  subjects.slice(0, 5).forEach((s, i) => repo.commit(s, `notes/${i}.md`));
  repo.mergeBranch(
    'feature/login',
    ['Add login page'],
    'Merge pull request #12 from acme/feature/login',
  );
  repo.mergeBranch(
    'feature/orders',
    ['Add orders model'],
    'Merge pull request #13 from acme/feature/orders',
  );
  repo.mergeBranch(
    'bugfix/session',
    ['Fix session expiry'],
    'Merge pull request #14 from acme/bugfix/session',
  );
  subjects.slice(5).forEach((s, i) => repo.commit(s, `notes/late-${i}.md`));
  return repo;
}
